"""British English input formats, ISO first.

A form field shows its value in the first input format. Browsers' date and datetime-local inputs
read only ISO values ("2026-11-23", "2026-11-23T14:30"): Django's en_GB list starts with 23/11/2026,
which the browser ignores, so an edit form opened blank and saving wiped its dates. ISO comes first,
so every form renders what the browser reads; the British forms after it are still accepted when
typed. Display formats (DATE_FORMAT and the like) are not set here: Django's en_GB ones apply.
"""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2026-11-23': <input type="date">
    "%d/%m/%Y",  # '23/11/2026'
    "%d/%m/%y",  # '23/11/26'
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",  # '2026-11-23T14:30': <input type="datetime-local">
    "%Y-%m-%dT%H:%M:%S",  # '2026-11-23T14:30:59'
    "%Y-%m-%d %H:%M:%S",  # '2026-11-23 14:30:59'
    "%Y-%m-%d %H:%M:%S.%f",  # '2026-11-23 14:30:59.000200'
    "%Y-%m-%d %H:%M",  # '2026-11-23 14:30'
    "%d/%m/%Y %H:%M:%S",  # '23/11/2026 14:30:59'
    "%d/%m/%Y %H:%M:%S.%f",  # '23/11/2026 14:30:59.000200'
    "%d/%m/%Y %H:%M",  # '23/11/2026 14:30'
    "%d/%m/%y %H:%M:%S",  # '23/11/26 14:30:59'
    "%d/%m/%y %H:%M:%S.%f",  # '23/11/26 14:30:59.000200'
    "%d/%m/%y %H:%M",  # '23/11/26 14:30'
]
