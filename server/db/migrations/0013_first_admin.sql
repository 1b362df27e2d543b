-- Accounts that still have the published demo password (the demo logins): admins are warned while any exist.
ALTER TABLE users ADD COLUMN demo_password boolean NOT NULL DEFAULT false;
-- An install that already has the demo data: its logins whose password was never changed.
UPDATE users SET demo_password = true
WHERE EXISTS (SELECT 1 FROM app_meta WHERE key = 'demo_data')
  AND password_changed_at = created_at
  AND username IN ('admin', 'jiaowu', 'advisor', 'grouplead', 'majorlead', 'labmanager', 'teacher', 'supervisor', 'student',
                   'enterprise', 'evaluator', 'jishi');
