// YAML text that goes into a document as it is: talosctl's go-yaml fork (unix4ever/yaml, used up to Talos v1.11)
// lets a value implement `MarshalYAMLBytes()` and writes those bytes in place of the value, each line at the
// value's indentation. Talos' MachineConfig spec and cosi's protobuf.Resource spec (the YAML text the API sent)
// marshal this way. Decoding such a document (what `-o json` does) reads the first YAML document of the text.

export class RawYaml {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}
