"""Every write and state change of the claims app. Import from the submodules."""
