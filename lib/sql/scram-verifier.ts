/** Iterations of the verifiers the schema Job computes: PostgreSQL's own default (scram_iterations). */
export const SCRAM_ITERATIONS = 4096;

/**
 * A Perl program that prints the SCRAM-SHA-256 verifier of the password held by the environment
 * variable named in its first argument, as PostgreSQL stores it (RFC 5802 and 7677):
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, base64, with a random 16-byte salt.
 * The password never appears on a command line, and nothing but the verifier leaves the Job.
 *
 * It uses only modules of Perl's core distribution (Digest::SHA, MIME::Base64), which the
 * official Debian-based postgres images carry (postgresql-common depends on perl); the Alpine
 * images drop Perl. PostgreSQL prepares a password with SASLprep before hashing it, which leaves
 * ASCII as it is; the program refuses other characters rather than hash them differently.
 */
export const SCRAM_VERIFIER_PERL = String.raw`use strict;
use warnings;
use Digest::SHA qw(hmac_sha256 sha256);
use MIME::Base64 qw(encode_base64);
my $password = $ENV{$ARGV[0]};
die "the password is empty\n" unless defined $password && length $password;
die "the password has characters outside ASCII, which PostgreSQL would first normalize (SASLprep); use ASCII characters\n" if $password =~ /[^\x00-\x7f]/;
open(my $random, '<:raw', '/dev/urandom') or die "cannot read /dev/urandom: $!\n";
read($random, my $salt, 16) == 16 or die "cannot read 16 bytes from /dev/urandom\n";
close($random);
# PBKDF2-HMAC-SHA-256, one block: U1 = HMAC(password, salt || INT(1)), Ui = HMAC(password, Ui-1), XORed.
my $block = hmac_sha256($salt . pack('N', 1), $password);
my $salted = $block;
for (2 .. ${SCRAM_ITERATIONS}) {
  $block = hmac_sha256($block, $password);
  $salted ^= $block;
}
my $stored_key = sha256(hmac_sha256('Client Key', $salted));
my $server_key = hmac_sha256('Server Key', $salted);
print 'SCRAM-SHA-256$' . ${SCRAM_ITERATIONS} . ':' . encode_base64($salt, '') . '$' . encode_base64($stored_key, '') . ':' . encode_base64($server_key, '');
`;

/** What a verifier printed by {@link SCRAM_VERIFIER_PERL} looks like, as a bash regular expression. */
export const SCRAM_VERIFIER_BASH_PATTERN = String.raw`^SCRAM-SHA-256\$${SCRAM_ITERATIONS}:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$`;
