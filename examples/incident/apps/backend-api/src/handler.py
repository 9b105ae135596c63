"""AWS Lambda handler: Lambda runs lazy_app, never main.py."""
from mangum import Mangum

from lazy_app import app

handler = Mangum(app, lifespan="auto")
