"""Small PDF files made on the spot for the upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def tiny_pdf(name="ban-ky.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")
