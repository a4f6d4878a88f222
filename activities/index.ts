// Activities the worker registers: alert delivery (webhooks, committee inboxes).
export {};
