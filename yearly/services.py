"""Every write to the yearly report's written parts: each change one history record with who,
when and why (as_at.history.save_with_history)."""

from as_at.history import save_with_history

from .models import REPORT_HISTORY, SIGN_OFF_HISTORY, SignOff, YearlyReport


def report_save(report, *, user=None, note="", at=None) -> YearlyReport:
    report.full_clean()
    save_with_history(report, REPORT_HISTORY, user=user, note=note, at=at, m2m={})
    return report


def sign_off_save(sign_off, *, user=None, note="", at=None) -> SignOff:
    sign_off.full_clean()
    save_with_history(sign_off, SIGN_OFF_HISTORY, user=user, note=note, at=at, m2m={})
    return sign_off


def delete_all():
    SignOff.objects.all().delete()
    YearlyReport.objects.all().delete()
    SignOff.history.all().delete()
    YearlyReport.history.all().delete()
