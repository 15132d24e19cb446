import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from common.validators import validate_choice_list
from financing.choices import Stage
from initiatives.models import validate_motives


def test_a_list_of_known_values_each_once_passes():
    validate_choice_list([Stage.IDEA, Stage.FOUNDING], Stage)
    validate_choice_list([], Stage)


@pytest.mark.parametrize(
    ("value", "code"),
    [("idea", "invalid_choice"), (["idea", "nonsense"], "invalid_choice"), (["idea", "idea"], "duplicate_choice")],
)
def test_unknown_values_and_repeats_are_refused(value, code):
    with pytest.raises(ValidationError) as refusal:
        validate_choice_list(value, Stage)
    assert refusal.value.code == code


def test_each_field_keeps_its_own_words_and_codes():
    with pytest.raises(ValidationError) as refusal:
        validate_motives(["community", "community"])
    assert refusal.value.code == "duplicate_motive"
    with translation.override("en"):
        assert refusal.value.messages == ["Each motive can be chosen only once."]
