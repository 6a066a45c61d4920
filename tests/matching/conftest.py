import pytest


@pytest.fixture(autouse=True)
def _fresh_matching_index():
    """Each test starts from the database it built: the in-process index is per process."""
    from claims.services.matching_index import reset_index

    reset_index()
    yield
    reset_index()
