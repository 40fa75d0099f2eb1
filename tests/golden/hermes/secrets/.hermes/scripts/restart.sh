#!/bin/sh
# xoxb-LEAK-BOT-1
TOKEN=123456:LEAK-TELEGRAM-A hermes gateway restart --profile 123456:LEAK-TELEGRAM-A
