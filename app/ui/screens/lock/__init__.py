"""The lock screen of an encrypted diary."""
