CONTACT_UUID=4ef9bd6b-8a7e-4e25-9a5c-7f8d5ef2a8b1

curl --fail-with-body --silent --show-error \
  "${LEAT_BASE_URL:-https://api.piggy.eu/api/v3/oauth/clients}/contacts/$CONTACT_UUID/tier" \
  --header "Authorization: Bearer $LEAT_API_KEY" \
  --header "Accept: application/json"
