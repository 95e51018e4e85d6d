"""Who may do what with a challenge: the scrutineer puts and closes challenges; the response is
recorded by a manager, or by a lead of the agency asked."""


def may_raise(user):
    return user.has_perm("challenges.add_challenge")


def may_respond(user, challenge):
    if user.has_perm("reviews.change_action") and user.has_perm("challenges.respond_challenge"):
        return True  # a manager
    if challenge.agency_id is None or not user.has_perm("challenges.respond_challenge"):
        return False
    return challenge.agency.leads.filter(pk=user.pk).exists()


def may_close(user):
    return user.has_perm("challenges.change_challenge")
