"""Pure rules of the newsletters (no Django): blocks, the plain-text part, CSV consent, throttling."""
