"""The API: clients post events; reporting reads them back.

    uvicorn app.main:app        # from fastapi_project/, with PG* or DATABASE_URL set
"""
from typing import Any, Dict, List

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import SessionLocal
from .models import ApiClient, ApiEvent

app = FastAPI(title="shop API")


def session():
    with SessionLocal() as s:
        yield s


class ClientIn(BaseModel):
    name: str


class EventIn(BaseModel):
    client_id: int
    kind: str
    body: Dict[str, Any]


class EventOut(EventIn):
    id: int

    class Config:
        orm_mode = True


@app.post("/clients", status_code=201)
def create_client(c: ClientIn, s: Session = Depends(session)) -> Dict[str, Any]:
    client = ApiClient(name=c.name)
    s.add(client)
    s.commit()
    return {"id": client.id, "name": client.name}


@app.post("/events", response_model=EventOut, status_code=201)
def create_event(e: EventIn, s: Session = Depends(session)) -> ApiEvent:
    if s.get(ApiClient, e.client_id) is None:
        raise HTTPException(status_code=404, detail="no such client")
    event = ApiEvent(client_id=e.client_id, kind=e.kind, body=e.body)
    s.add(event)
    s.commit()
    s.refresh(event)
    return event


@app.get("/events/{event_id}", response_model=EventOut)
def read_event(event_id: int, s: Session = Depends(session)) -> ApiEvent:
    event = s.get(ApiEvent, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail="no such event")
    return event


@app.get("/clients/{client_id}/events", response_model=List[EventOut])
def client_events(client_id: int, limit: int = 20, s: Session = Depends(session)) -> List[ApiEvent]:
    rows = s.execute(select(ApiEvent).where(ApiEvent.client_id == client_id).order_by(ApiEvent.id.desc()).limit(limit))
    return list(rows.scalars())
