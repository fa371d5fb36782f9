"""Import and OCR shared by the team's workstations (PostgreSQL only).

`casereview import … --queue` stores each original in the database (the blob store every import
keeps anyway) and enqueues one job per file; `casereview worker` on any workstation takes jobs with
procrastinate (PostgreSQL's ``FOR UPDATE SKIP LOCKED`` under the hood: one job, one worker), reads the
original back from the database, analyses it (OCR included) and saves the dossier in one transaction
that also records the job's outcome. A worker that dies stops its heartbeat; the others put its job
back in the queue. Nothing is imported twice: a job's outcome is written in the dossier's own
transaction, and the store's unique (campaign, sha256) stays the last line of defence.
"""
