"""gunicorn's settings beyond the command line's bind address and worker count.

gunicorn stara_zagora.wsgi --config python:stara_zagora.gunicorn --bind ... --workers ...
"""

# A worker that processed a large image upload keeps the memory it grew to (the C
# allocator seldom gives it back to the system): after this many requests it finishes
# the one in hand and is replaced by a fresh process. The jitter (a random 0-100 more)
# keeps the workers from all being replaced at the same moment.
max_requests = 1000
max_requests_jitter = 100

# A worker silent this long is killed and replaced (gunicorn's default, written down):
# "Check links now" in the admin stops at LINK_CHECK_REQUEST_BUDGET seconds, below it.
timeout = 30
