"""Celery tasks of agreements: thin wrappers that take ids and call the services."""

import logging

from celery import shared_task

from agreements.models import ProgrammeDocument
from agreements.services.documents import DocumentNotPending, document_build, document_fail

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=2)
def build_programme_document(self, document_id):
    try:
        document_build(document_id=document_id)
    except (ProgrammeDocument.DoesNotExist, DocumentNotPending):
        logger.info("programme document %s: nothing to build", document_id)
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
        logger.error("programme document %s failed: %s", document_id, reason, exc_info=error)
        document_fail(document_id=document_id, reason=reason)
