signature probe_greeting {
	ip-proto == tcp
	dst-port == 8080
	payload /.*probe/
	event "probe request seen"
}
