-- Send-only e-mail (an activation code): the per-recipient params of a delivery, sealed with the master
-- key and bound to the row (app.pii, notification_deliveries.sealed_params#id), kept only until the mail
-- is sent, given up or voided, then set to NULL. The notification itself never holds them.
ALTER TABLE notification_deliveries ADD COLUMN sealed_params text CHECK (sealed_params IS NULL OR sealed_params LIKE 'v2:%');
