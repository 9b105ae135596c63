import os


class Settings:
    CORS_ALLOWED_ORIGINS = os.environ.get("CORS_ALLOWED_ORIGINS", "http://localhost:3000").split(",")
    DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite://")


settings = Settings()
