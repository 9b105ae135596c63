"""Topic catalogue shared by the API and the nightly import."""

CMETopicCatalogue = ("ethics", "pain-management", "infection-control")


def topic_names():
    return list(CMETopicCatalogue)
