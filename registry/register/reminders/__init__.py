"""Daily reminders: what falls due for each organisation, sent once per item and due date
(issue 4 item 8). `collect` asks the workspace what falls due (`registry.workspace.selectors.due`,
inside the organisation's schema) and adds what the register knows; `services` records and
e-mails; `selectors.reminders_for` lists them on the organisation's dashboard."""
