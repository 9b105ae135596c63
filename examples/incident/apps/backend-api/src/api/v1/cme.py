from fastapi import APIRouter

router = APIRouter(prefix="/cme-activities", tags=["cme"])


@router.get("")
def list_cme_activities():
    return []
