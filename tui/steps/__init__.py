"""The nine editing steps, one a file, in the order the sidebar shows them."""
from .assign import AssignStep
from .base import Step
from .bases import BasesStep
from .budget import BudgetStep
from .general import GeneralStep
from .implementation import ImplementationStep
from .purposes import PurposesStep
from .recipients import RecipientsStep
from .review import ReviewStep
from .tasks import TasksStep

STEP_CLASSES = [GeneralStep, BasesStep, PurposesStep, TasksStep, AssignStep, BudgetStep, ImplementationStep,
                RecipientsStep, ReviewStep]

__all__ = ["STEP_CLASSES", "Step", "ReviewStep"]
