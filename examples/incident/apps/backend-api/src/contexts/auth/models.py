from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import relationship

from shared.domain.base import Base


class User(Base):
    __tablename__ = "users"

    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True, nullable=False)
    cme_activities = relationship("CMEActivity", back_populates="user")
