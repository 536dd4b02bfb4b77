"""Records of processing (GDPR Art. 28, 30, 44–46): processors and their DPAs, transfers, the record of processing."""
