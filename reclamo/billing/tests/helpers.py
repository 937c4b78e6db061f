"""Writing the CSV files the billing tests import."""

from __future__ import annotations

from pathlib import Path


def csv_file(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


SERVICES = """
customer_reference,service_reference,monthly_fee,currency,started_on,name,equipment,equipment_since,customer_name
C1,S1,15.00,EUR,2025-01-01,Internet 50,rented,2025-01-01,Ján Novák
C2,S2,30.00,EUR,2025-06-01,Internet 300,purchased,2025-06-03,Eva Horváthová
C2,S3,15.00,EUR,2026-12-05,Internet 50,,,
C3,S4,15.00,EUR,2024-01-01,Internet 50,,,Peter Kováč
"""
