"""The smallest WSGI application, for starting gunicorn with the project's configuration."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
    return [b"hello"]
