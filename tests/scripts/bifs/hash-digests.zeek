# @ARGS: -G test.seed
# Digest bifs: one-shot (several arguments are digested as one stream), incremental through
# opaque handles (copy() forks the state, a finished handle is spent), HMACs keyed by the seed
# file, and the opaque values' print form and type names. (zeek_done: updating a spent
# handle reports an error, which would be fatal during zeek_init.)
event zeek_done()
	{
	print md5_hash("one"), md5_hash("one", "two", "three");
	print sha1_hash("one"), sha224_hash("one");
	print sha256_hash("abc");
	print sha384_hash("abc");
	print sha512_hash("abc");
	print sha256_hash(""), md5_hash();

	local a = md5_hash_init();
	md5_hash_update(a, "one");
	local b = copy(a);
	md5_hash_update(a, "two");
	print md5_hash_finish(a), md5_hash_finish(b);
	print "spent", md5_hash_finish(a) == "", md5_hash_update(a, "again");

	local s = sha256_hash_init();
	for ( _, w in vector("a", "b", "c") )
		sha256_hash_update(s, w);
	print sha256_hash_finish(s) == sha256_hash("abc");

	print a, type_name(a), type_name(sha512_hash_init());
	print md5_hmac("one"), sha256_hmac("one", "two");

	# Entropy tests fed in pieces agree with the one-shot form.
	local data = "0011000aaabbbbcccc000011111000000000aaaabbbbcccc0000000";
	local e = entropy_test_init();
	entropy_test_add(e, data[:20]);
	local e2 = copy(e);
	entropy_test_add(e, data[20:]);
	print entropy_test_finish(e);
	print find_entropy(data);
	print entropy_test_finish(e2)$chi_square == find_entropy(data[:20])$chi_square;
	}
