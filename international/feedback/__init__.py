"""The readers' feedback form: the form, its views, its rate limit and the notice to staff."""
