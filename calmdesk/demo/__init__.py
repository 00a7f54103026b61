"""The demo desk: a fictional appliance company's support team, customers and tickets."""
