"""Records in, files out: Excel workbooks and PDF documents. No Qt here."""
