"""NPI and TIN checks (R6): the NPI's last digit is a Luhn check over the prefix 80840 + 9 digits."""

from __future__ import annotations

from iacs.domain.validation import ascii_digits


def _luhn_sum(digits: str) -> int:
    total = 0
    for index, ch in enumerate(reversed(digits)):
        value = int(ch)
        if index % 2 == 0:  # counting from the rightmost digit of the payload, which is doubled
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total


def npi_check_digit(first_nine: str) -> str:
    """The check digit for 9 NPI digits (the card-issuer prefix 80840 is part of the Luhn sum)."""
    if len(first_nine) != 9 or not ascii_digits(first_nine):
        raise ValueError("an NPI starts with 9 digits")
    return str((10 - _luhn_sum("80840" + first_nine) % 10) % 10)


def npi_is_valid(npi: str) -> bool:
    return len(npi) == 10 and ascii_digits(npi) and npi_check_digit(npi[:9]) == npi[9]
