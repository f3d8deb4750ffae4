/** The twin's fixed AWS identity: any credentials work, but the SDK insists on some. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
