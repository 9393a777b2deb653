"""RAS balancing: textbook examples, invariants and failure modes."""

from __future__ import annotations

import numpy as np
import pytest

from shutdown_sim.params.ras import RasError, ras


def test_two_by_two_closed_form():
    # Z0 = ones, u = (3, 1), v = (2, 2): the biproportional solution is [[1.5, 1.5], [0.5, 0.5]].
    res = ras(np.ones((2, 2)), np.array([3.0, 1.0]), np.array([2.0, 2.0]))
    np.testing.assert_allclose(res.z, [[1.5, 1.5], [0.5, 0.5]], rtol=1e-12)
    assert res.iterations <= 3


def test_three_sector_textbook_example_reproduces_targets():
    # A 3x3 prior of the kind used in Miller & Blair (2009) section 7.4, updated to new margins.
    z0 = np.array([[120.0, 40.0, 80.0], [60.0, 90.0, 20.0], [80.0, 30.0, 60.0]])
    u = np.array([260.0, 180.0, 180.0])
    v = np.array([280.0, 160.0, 180.0])
    res = ras(z0, u, v, tol=1e-12)
    np.testing.assert_allclose(res.z.sum(axis=1), u, rtol=1e-10)
    np.testing.assert_allclose(res.z.sum(axis=0), v, rtol=1e-10)
    assert res.max_residual <= 1e-12
    # biproportional form: z = diag(r) z0 diag(s)
    np.testing.assert_allclose(res.z, res.r[:, None] * z0 * res.s[None, :], rtol=1e-12)
    # already-balanced prior is a fixed point
    again = ras(res.z, u, v, tol=1e-12)
    np.testing.assert_allclose(again.z, res.z, rtol=1e-10)
    assert again.iterations == 1


def test_zeros_stay_zero():
    z0 = np.array([[0.0, 2.0, 1.0], [3.0, 0.0, 1.0], [1.0, 1.0, 0.0]])
    res = ras(z0, np.array([4.0, 3.0, 2.0]), np.array([3.0, 4.0, 2.0]))
    assert np.all(res.z[z0 == 0] == 0)


@pytest.mark.parametrize(
    "z0,u,v,match",
    [
        (np.ones((2, 2)), np.array([1.0, 1.0]), np.array([1.0, 2.0]), "different totals"),
        (
            np.array([[1.0, 1.0], [0.0, 0.0]]),
            np.array([1.0, 1.0]),
            np.array([1.0, 1.0]),
            "zero row",
        ),
        (-np.ones((2, 2)), np.array([1.0, 1.0]), np.array([1.0, 1.0]), "non-negative"),
        (np.ones((2, 3)), np.array([1.0, 1.0]), np.array([1.0, 1.0]), "shape"),
    ],
)
def test_bad_inputs_raise(z0, u, v, match):
    with pytest.raises(RasError, match=match):
        ras(z0, u, v)


def test_non_convergence_raises():
    # Infeasible pattern: row 0 only feeds column 0 but column 0's target is smaller than row 0's.
    z0 = np.array([[1.0, 0.0], [1.0, 1.0]])
    with pytest.raises(RasError, match="did not converge"):
        ras(z0, np.array([3.0, 1.0]), np.array([1.0, 3.0]), max_iter=200)
