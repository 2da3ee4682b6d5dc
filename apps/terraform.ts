import { App } from 'cdktf';

/** Builds every environment's Terraform stack; stacks arrive with the environments that need them. */
export function buildTerraformApp(outdir?: string): App {
  return new App({ outdir, skipValidation: false });
}

if (require.main === module) {
  buildTerraformApp().synth();
}
