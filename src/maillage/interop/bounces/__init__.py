"""Delivery status notifications (RFC 3464) and complaint reports (ARF, RFC 5965) read from an mbox."""
