"""Webhooks: an organisation's endpoints for filing events, signed deliveries, the delivery log.
A SHARED app (public schema): the events come from the register, which lives there too."""
