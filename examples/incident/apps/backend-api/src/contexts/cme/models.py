from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import relationship

from shared.domain.base import Base


class CMETopic(Base):
    __tablename__ = "cme_topics"

    id = Column(Integer, primary_key=True)
    name = Column(String, nullable=False)


class CMEActivity(Base):
    __tablename__ = "cme_activities"

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    topic_id = Column(Integer, ForeignKey("cme_topics.id"))
    credits = Column(Integer, default=0)
    user = relationship("User", back_populates="cme_activities")
    topic = relationship("CMETopic")
