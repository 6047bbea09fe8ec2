/** The public URL the authorization server names itself by (its issuer). */
export class AppConfigRef {
  constructor(readonly publicUrl: string) {}
}
