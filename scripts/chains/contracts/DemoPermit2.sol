// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20Like {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// @title A small Permit2-compatible allowance contract for the Meridian local dev chain.
/// @notice Same EIP-712 domain (name "Permit2", chainId, verifyingContract; no version) and the same PermitSingle /
/// PermitDetails types as Uniswap's Permit2 AllowanceTransfer, so a wallet signs exactly what it would for the real one:
/// permit(owner, PermitSingle, signature), approve, allowance(owner, token, spender) and transferFrom(from, to, amount, token).
/// No constructor and no immutables: the dev chain places its runtime code at Permit2's canonical address
/// (0x000000000022D473030F116dDEE9F6B43aC78BA3) with hardhat_setCode, so the domain separator is computed per call.
contract DemoPermit2 {
    struct PermitDetails {
        address token;
        uint160 amount;
        uint48 expiration;
        uint48 nonce;
    }
    struct PermitSingle {
        PermitDetails details;
        address spender;
        uint256 sigDeadline;
    }
    struct Allowance {
        uint160 amount;
        uint48 expiration;
        uint48 nonce;
    }

    bytes32 private constant DOMAIN_TYPEHASH = keccak256("EIP712Domain(string name,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("Permit2");
    bytes32 public constant PERMIT_DETAILS_TYPEHASH = keccak256("PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)");
    bytes32 public constant PERMIT_SINGLE_TYPEHASH = keccak256(
        "PermitSingle(PermitDetails details,address spender,uint256 sigDeadline)PermitDetails(address token,uint160 amount,uint48 expiration,uint48 nonce)"
    );
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// owner => token => spender => allowance
    mapping(address => mapping(address => mapping(address => Allowance))) public allowance;

    event Approval(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration);
    event Permit(address indexed owner, address indexed token, address indexed spender, uint160 amount, uint48 expiration, uint48 nonce);

    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, block.chainid, address(this)));
    }

    function approve(address token, address spender, uint160 amount, uint48 expiration) external {
        Allowance storage a = allowance[msg.sender][token][spender];
        a.amount = amount;
        a.expiration = expiration == 0 ? uint48(block.timestamp) : expiration;
        emit Approval(msg.sender, token, spender, amount, a.expiration);
    }

    function permit(address owner, PermitSingle calldata permitSingle, bytes calldata signature) external {
        require(block.timestamp <= permitSingle.sigDeadline, "Permit2: signature expired");
        PermitDetails calldata d = permitSingle.details;
        Allowance storage a = allowance[owner][d.token][permitSingle.spender];
        require(a.nonce == d.nonce, "Permit2: invalid nonce");
        bytes32 detailsHash = keccak256(abi.encode(PERMIT_DETAILS_TYPEHASH, d.token, d.amount, d.expiration, d.nonce));
        bytes32 structHash = keccak256(abi.encode(PERMIT_SINGLE_TYPEHASH, detailsHash, permitSingle.spender, permitSingle.sigDeadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR(), structHash));
        require(_recover(digest, signature) == owner, "Permit2: invalid signature");
        a.amount = d.amount;
        a.expiration = d.expiration == 0 ? uint48(block.timestamp) : d.expiration;
        a.nonce = d.nonce + 1;
        emit Permit(owner, d.token, permitSingle.spender, d.amount, a.expiration, d.nonce);
    }

    function transferFrom(address from, address to, uint160 amount, address token) external {
        Allowance storage a = allowance[from][token][msg.sender];
        require(block.timestamp <= a.expiration, "Permit2: allowance expired");
        if (a.amount != type(uint160).max) {
            require(a.amount >= amount, "Permit2: insufficient allowance");
            a.amount -= amount;
        }
        require(IERC20Like(token).transferFrom(from, to, amount), "Permit2: token transfer failed");
    }

    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address signer) {
        require(signature.length == 65, "Permit2: invalid signature length");
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        require(uint256(s) <= HALF_ORDER, "Permit2: invalid signature s");
        signer = ecrecover(digest, v, r, s);
        require(signer != address(0), "Permit2: invalid signature");
    }
}
