// A scenario `images:` entry given inline: an extension `name` at `version`, compatible with every release, whose
// only file records its version.
export const inlineImage = (name: string, version: string) => ({
  ref: `example.com/${name}:${version}`,
  inline: {
    manifest: {
      version: 'v1alpha1',
      metadata: { name, version, author: 'Me', description: name, compatibility: { talos: { version: '>= v1.0.0' } } },
    },
    files: { [`/usr/local/share/${name}/VERSION`]: version },
  },
});
