from fastapi import APIRouter

router = APIRouter(prefix="/licenses", tags=["licenses"])


@router.get("")
def list_licenses():
    return []
