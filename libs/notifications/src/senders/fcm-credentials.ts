import { readFileSync } from 'node:fs';
import gal from 'google-auth-library';

const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  token_uri?: string;
}

/**
 * OAuth2 access tokens of a Google service account for FCM HTTP v1, from google-auth-library (which
 * signs the JWT grant, caches the token and renews it before expiry). A `token_uri` in the file other
 * than Google's (a private deployment, or the tests' local server) is honoured.
 */
export class FcmCredentials {
  readonly projectId: string;
  private readonly client: InstanceType<typeof gal.JWT>;

  constructor(file: string) {
    const sa = JSON.parse(readFileSync(file, 'utf8')) as ServiceAccount;
    if (!sa.project_id || !sa.client_email || !sa.private_key)
      throw new Error(`${file} is not a service account file (project_id, client_email, private_key)`);
    this.projectId = sa.project_id;
    this.client = new gal.JWT({ email: sa.client_email, key: sa.private_key, scopes: [SCOPE] });
    const tokenUri = sa.token_uri;
    if (tokenUri && tokenUri !== GOOGLE_TOKEN_URL)
      this.client.transporter.interceptors.request.add({
        resolved: async (options) => {
          if (String(options.url) === GOOGLE_TOKEN_URL) options.url = new URL(tokenUri);
          return options;
        },
      });
  }

  async accessToken(): Promise<string> {
    const { token } = await this.client.getAccessToken();
    if (!token) throw new Error('no FCM access token');
    return token;
  }
}
