"""Daily reminders: what falls due for each organisation, sent once per item and due date
(issue 4 item 8). `collect` reads an organisation's workspace, `services` records and e-mails,
`selectors.reminders_for` lists them on the organisation's dashboard."""
