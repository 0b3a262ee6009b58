"""The plain-English verdict reads the WDQ only when the response area's change is more than chance."""

from __future__ import annotations

from beatbook.problems.verdict import verdict


def _result(res_low: float, res_high: float, quotient: float, interpretation: str) -> dict:
    pair = {"before": 30, "after": 20}
    return {
        "counts": {"response": pair, "buffer": pair, "control": pair},
        "periods": {
            "before": {"published_months": 3, "unpublished": []},
            "after": {"published_months": 3, "unpublished": []},
        },
        "statistics": {
            "wdd": {
                "est_total": -3.0,
                "low_ci": -6.0,
                "high_ci": 0.5,
                "alpha": 0.1,
                "z": -1.2,
                "p_value": 0.2,
                "est_local": -2.0,
                "est_displace": -1.0,
            },
            "res": {"res": 1.3, "low_ci": res_low, "high_ci": res_high},
            "wdq": {"quotient": quotient, "interpretation": interpretation},
            "e_test": {"p_value": 0.04},
        },
    }


def test_a_quotient_over_a_change_within_chance_is_not_read():
    lines = verdict(_result(0.82, 1.24, 9.51, "diffusion of benefits: the buffer improved"))["details"]
    wdq_line = next(line for line in lines if line.startswith("Weighted displacement quotient"))
    assert "9.51, not interpreted" in wdq_line
    assert "diffusion" not in wdq_line


def test_a_quotient_over_a_real_reduction_is_read():
    lines = verdict(_result(1.1, 1.6, 0.4, "diffusion of benefits: the buffer also improved"))["details"]
    wdq_line = next(line for line in lines if line.startswith("Weighted displacement quotient"))
    assert wdq_line == "Weighted displacement quotient: 0.40, diffusion of benefits: the buffer also improved."
