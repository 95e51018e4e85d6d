from django.conf import settings

from .vocabulary import STATUS_DEFINITIONS, STATUS_MEANINGS, Status


def service(request):
    """What every page shows: who the service is for and the BRAG key."""
    return {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "committee_name": settings.COMMITTEE_NAME,
        "brag_key": [
            {
                "status": status.value,
                "label": status.label,
                "meaning": STATUS_MEANINGS[status],
                "definition": STATUS_DEFINITIONS[status],
            }
            for status in Status
        ],
    }
