/** A fixed PII key for test databases: the template's demo data is encrypted with it. */
export const testMasterKey = Buffer.from('c2l0b25nLXRlc3Qta2V5LTAxMjM0NTY3ODlhYmNkZWY=', 'base64');
export const templateDatabase = 'sitong_template';
export const testDemoStudents = 300;
export const demoPassword = 'Sitong@2026';
