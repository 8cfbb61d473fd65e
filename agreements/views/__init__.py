"""The programme pages. Views are thin: they fetch what the user may see (404
otherwise), check the right to act (403), and call a form and a service."""
