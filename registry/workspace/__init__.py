"""The workspace: an organisation's own AI systems, GPAI models, classifications, risk and QMS
records, evidence and Code of Practice signatures. A TENANT app: every table lives in the
organisation's schema, so one organisation's rows are out of reach of another's by construction.
"""
